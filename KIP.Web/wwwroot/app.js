// The skip link moves keyboard focus to the page content (Blazor's router would only scroll to it).
document.addEventListener('click', event => {
    const link = event.target.closest && event.target.closest('.kip-skip-link');
    if (link) {
        event.preventDefault();
        const main = document.getElementById('main');
        if (main) {
            main.focus();
        }
    }
}, true);
