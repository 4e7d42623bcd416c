using Microsoft.Playwright;

namespace KIP.Tests.Infrastructure.PageObjects;

/// <summary>
/// The commission's session page (<c>/commissie/vergaderingen/{id}/sessie</c>) as a member or the chair sees it:
/// presence, the item on the floor, the open motion and its votes, the closed motions; and the chair's steps.
/// </summary>
public sealed class ReviewSessionScreen(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>"gepland", "geopend", "gesloten".</summary>
    public ILocator Status => Page.GetByTestId("session-status");

    public ILocator Quorum => Page.GetByTestId("quorum");

    public ILocator ItemOnFloor => Page.GetByTestId("item-on-floor");

    /// <summary>The agenda line of the item on the floor.</summary>
    public ILocator AgendaItemOnFloor => Page.Locator("[data-testid=agenda-item][data-on-floor=yes]");

    /// <summary>A member's presence chip (<c>data-present</c>, <c>data-state</c>).</summary>
    public ILocator Presence(Guid person) => Page.GetByTestId($"presence-{person}");

    public ILocator VoteCount => Page.GetByTestId("vote-count");

    public ILocator NotYetVoted => Page.GetByTestId("not-yet-voted");

    public ILocator MyVote => Page.GetByTestId("my-vote");

    public ILocator ActingChair => Page.GetByTestId("acting-chair");

    /// <summary>The chair's tick box for a criterion of the motion (by its code, e.g. <c>startup-zzp</c>).</summary>
    public ILocator Criterion(string code) => Page.Locator($"[data-testid=criterion-{code}] input, input[data-testid=criterion-{code}]").First;

    /// <summary>
    /// The chair opens the demo meeting, planned in two weeks, today: decision 010 asks to confirm moving it to today
    /// (the dialog names both days), and the chair confirms.
    /// </summary>
    public async Task OpenMovingToTodayAsync()
    {
        await Page.GetByTestId("open-session").ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("De vergadering was gepland op ");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Openen en verplaatsen" }).ClickAsync();
        await Assertions.Expect(Status).ToHaveTextAsync("geopend");
    }

    /// <summary>The chair ticks the criteria of the motion and opens the vote.</summary>
    public async Task OpenVoteAsync(params string[] criteria)
    {
        foreach (var code in criteria)
        {
            await Criterion(code).CheckAsync();
        }

        await Page.GetByTestId("open-vote").ClickAsync();
    }

    /// <summary>Votes with the button of the choice: <c>For</c>, <c>Against</c> or <c>Abstain</c>.</summary>
    public Task VoteAsync(string choice) => Page.GetByTestId($"vote-{choice}").ClickAsync();

    /// <summary>The chair writes the decision's motivation and closes the vote.</summary>
    public async Task CloseVoteAsync(string motivation)
    {
        await Page.GetByLabel("Motivering van het besluit").FillAsync(motivation);
        await Page.GetByTestId("close-vote").ClickAsync();
    }
}
