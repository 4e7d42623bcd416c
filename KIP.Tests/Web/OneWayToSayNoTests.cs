using System.Reflection;
using System.Runtime.CompilerServices;
using KIP.Web.Actions;
using Microsoft.AspNetCore.Components;

namespace KIP.Tests.Web;

/// <summary>
/// One way for a service to say no to a page: a service that a component injects answers with
/// <see cref="ActionResult"/> (or a value), never with a bool, a string or a tuple that the page must read as
/// "no". Only awaited calls are checked (a service's work); the few questions whose bool or string is an answer
/// rather than a refusal are named below with the reason.
/// </summary>
public sealed class OneWayToSayNoTests
{
    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal)
    {
        ["ApplicationService.MayStartAsync"] = "a question: whether the page shows the form at all",
        ["ReviewSessionQueries.IsMemberAsync"] = "a question: whether the session page shows a member's tools",
        ["LogoService.PublicLogoAsync"] = "the address of a logo, null when there is none",
        ["SroiInvoiceService.SupplierHeldBadgeOnAsync"] = "a fact shown while typing: held, not held, or an unknown supplier",
        ["SroiInvoiceService.OpenPdfAsync"] = "the invoice's file for the download endpoint, not a page's action",
    };

    [Fact]
    public void No_service_a_page_injects_answers_with_a_bool_a_string_or_a_tuple()
    {
        var services = InjectedServices();
        var offenders = services
            .SelectMany(s => s.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => SaysNoTheOldWay(m.ReturnType))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Where(name => !Answers.ContainsKey(name))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains(services, s => s.Name == "ShortlistService"); // the scan finds what pages inject
        Assert.True(offenders.Count == 0, "Answer with ActionResult instead (or name the question and why):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_named_answer_still_exists_so_the_list_does_not_hide_a_new_method_of_that_name()
    {
        var existing = InjectedServices()
            .SelectMany(s => s.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => SaysNoTheOldWay(m.ReturnType))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToHashSet(StringComparer.Ordinal);

        var gone = Answers.Keys.Where(name => !existing.Contains(name)).ToList();
        Assert.True(gone.Count == 0, "Named as answers but no longer there (take them off the list):\n" + string.Join("\n", gone));
    }

    [Theory]
    [InlineData(nameof(Samples.Bool), true)]
    [InlineData(nameof(Samples.MaybeBool), true)]
    [InlineData(nameof(Samples.Text), true)]
    [InlineData(nameof(Samples.Pair), true)]
    [InlineData(nameof(Samples.MaybePair), true)]
    [InlineData(nameof(Samples.Answer), false)]
    [InlineData(nameof(Samples.AnswerWithId), false)]
    [InlineData(nameof(Samples.Count), false)]
    [InlineData(nameof(Samples.Label), false)]
    public void The_check_knows_the_old_ways_from_the_one_way(string method, bool oldWay) =>
        Assert.Equal(oldWay, SaysNoTheOldWay(typeof(Samples).GetMethod(method)!.ReturnType));

    /// <summary>The types of KIP.Web that a component of KIP.Web receives by <c>@inject</c> or <c>[Inject]</c>.</summary>
    private static List<Type> InjectedServices()
    {
        var web = typeof(ActionResult).Assembly;
        return [.. web.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(p => p.IsDefined(typeof(InjectAttribute)))
            .Select(p => p.PropertyType)
            .Where(t => t.Assembly == web)
            .Distinct()];
    }

    /// <summary>An awaited bool, string or tuple (nullable or not): what a page used to read as "no".</summary>
    private static bool SaysNoTheOldWay(Type returnType)
    {
        if (!returnType.IsGenericType || (returnType.GetGenericTypeDefinition() != typeof(Task<>) && returnType.GetGenericTypeDefinition() != typeof(ValueTask<>)))
        {
            return false;
        }

        var answer = returnType.GetGenericArguments()[0];
        answer = Nullable.GetUnderlyingType(answer) ?? answer;
        return answer == typeof(bool) || answer == typeof(string) || typeof(ITuple).IsAssignableFrom(answer);
    }

    private static class Samples
    {
        public static Task<bool> Bool() => Task.FromResult(true);

        public static Task<bool?> MaybeBool() => Task.FromResult<bool?>(null);

        public static Task<string?> Text() => Task.FromResult<string?>(null);

        public static ValueTask<(bool Ok, string Why)> Pair() => ValueTask.FromResult((true, string.Empty));

        public static Task<(bool Ok, Guid Id)?> MaybePair() => Task.FromResult<(bool, Guid)?>(null);

        public static Task<ActionResult> Answer() => Task.FromResult(ActionResult.Done);

        public static Task<ActionResult<Guid>> AnswerWithId() => Task.FromResult(ActionResult.DoneWith(Guid.Empty));

        public static Task<int> Count() => Task.FromResult(0);

        public static string Label() => string.Empty;
    }
}
