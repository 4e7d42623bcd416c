using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// Starts the test collections that take longest first. xunit runs as many collections at a time as the machine has
/// cores and, left to itself, in an order it calls random: when the shared browser collection (a long chain of
/// browser tests one after another) happened to start last, it ran alone for minutes while the other core idled.
/// Longest first keeps both cores busy to the end. A collection's length is estimated from its tests: a test that
/// drives a browser (its class or the state of its async methods holds a Playwright object, or its fixture is
/// <see cref="BrowserFixture"/>) costs as much as many tests that do not.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public const string TypeName = "KIP.Tests.Infrastructure.LongestFirst";

    public const string AssemblyName = "KIP.Tests";

    /// <summary>How many ordinary tests one browser test weighs: about its share of a run's time.</summary>
    internal const int BrowserTestWeight = 40;

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var collections = testCollections.ToList();
        var assembly = collections.Select(c => (c.TestAssembly.Assembly as IReflectionAssemblyInfo)?.Assembly).FirstOrDefault(a => a is not null);
        if (assembly is null)
        {
            return collections;
        }

        var costs = CostsByCollection(assembly);
        return collections
            .OrderByDescending(c => costs.GetValueOrDefault(c.DisplayName))
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
    }

    /// <summary>Estimated cost per collection display name, as xunit names collections.</summary>
    internal static Dictionary<string, int> CostsByCollection(Assembly assembly)
    {
        var costs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && TestCount(t) > 0))
        {
            var name = NameOf<CollectionAttribute>(type) ?? $"Test collection for {type.FullName}";
            var weight = DrivesBrowser(type, assembly) ? BrowserTestWeight : 1;
            costs[name] = costs.GetValueOrDefault(name) + (TestCount(type) * weight);
        }

        return costs;
    }

    /// <summary>The name given to a <c>[Collection]</c> or <c>[CollectionDefinition]</c> (xunit keeps it only as the constructor argument).</summary>
    private static string? NameOf<TAttribute>(Type type) where TAttribute : Attribute => type.GetCustomAttributesData()
        .Where(a => a.AttributeType == typeof(TAttribute) && a.ConstructorArguments.Count == 1)
        .Select(a => a.ConstructorArguments[0].Value as string)
        .FirstOrDefault();

    // Inherited tests count: a class that runs an abstract base's tests against another engine runs them all.
    private static int TestCount(Type type) => type
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        .Sum(m => m.GetCustomAttribute<FactAttribute>() is null ? 0 : Math.Max(1, m.GetCustomAttributes<InlineDataAttribute>().Count()));

    private static bool DrivesBrowser(Type type, Assembly assembly)
    {
        if (UsesBrowserFixture(type) || CollectionUsesBrowserFixture(type, assembly))
        {
            return true;
        }

        // Locals that live across an await are fields of the method's state machine, a nested type (of the base class
        // for inherited tests).
        return BaseTypesAndSelf(type)
            .SelectMany(t => t.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public).Append(t))
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
            .Any(f => f.FieldType.Namespace == "Microsoft.Playwright" || f.FieldType == typeof(BrowserFixture));
    }

    private static IEnumerable<Type> BaseTypesAndSelf(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            yield return t;
        }
    }

    private static bool UsesBrowserFixture(Type type) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(BrowserFixture)));

    private static bool CollectionUsesBrowserFixture(Type type, Assembly assembly)
    {
        if (NameOf<CollectionAttribute>(type) is not { } name)
        {
            return false;
        }

        return assembly.GetTypes()
            .Where(t => NameOf<CollectionDefinitionAttribute>(t) == name)
            .Any(t => t.GetInterfaces().Contains(typeof(ICollectionFixture<BrowserFixture>)));
    }
}
