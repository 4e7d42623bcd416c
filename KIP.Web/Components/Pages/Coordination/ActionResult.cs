using System.Security.Claims;
using KIP.Domain;
using KIP.Web.Components.Pages.Procurement;
using Microsoft.AspNetCore.Authorization;

namespace KIP.Web.Components.Pages.Coordination;

/// <summary>The answer of a service method that changes data: done, or refused with the text key of the reason.</summary>
public sealed record ActionResult(string? ErrorKey)
{
    public static ActionResult Done { get; } = new((string?)null);

    /// <summary>The signed-in person may not do this (a hidden button is not a check).</summary>
    public static ActionResult NotAllowed { get; } = new("Access.NotAllowed");

    public bool Succeeded => ErrorKey is null;

    /// <summary>A rule KIP.Domain refused, by its stable code (texts under <c>DomainError.*</c>).</summary>
    public static ActionResult From(DomainException exception) => new(DomainErrors.Key(exception));

    public static ActionResult Refused(string key) => new(key);
}

public static class DomainErrors
{
    public static string Key(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"DomainError.{exception.Code}";
    }
}

/// <summary>Re-checks a page's policy inside the service method that changes data.</summary>
public sealed class PolicyGuard(IAuthorizationService authorization)
{
    /// <summary>The acting person's id when <paramref name="user"/> meets <paramref name="policy"/>; null otherwise.</summary>
    public async Task<(bool Allowed, Guid? PersonId)> CheckAsync(ClaimsPrincipal user, string policy)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await authorization.AuthorizeAsync(user, policy);
        return (result.Succeeded, user.PersonId());
    }
}
