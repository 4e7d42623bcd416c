using KIP.Domain;
using KIP.Domain.Commission;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KIP.Web.Data;

/// <summary>How the domain's value types are stored: by their code, lists as comma-separated codes.</summary>
internal static class Conversions
{
    public static readonly ValueConverter<KvkNumber, string> Kvk = new(v => v.Value, v => KvkNumber.Parse(v));
    public static readonly ValueConverter<LegalForm, string> LegalForm = new(v => v.Code, v => KIP.Domain.LegalForm.Parse(v));
    public static readonly ValueConverter<Municipality, string> Municipality = new(v => v.Code, v => KIP.Domain.Municipality.Parse(v));
    public static readonly ValueConverter<CriterionCode, string> Criterion = new(v => v.Value, v => CriterionCode.Parse(v));
    public static readonly ValueConverter<Seat, string> Seat = new(v => v.Code, v => KIP.Domain.Commission.Seat.Parse(v));

    public static PropertyBuilder<IReadOnlyList<CriterionCode>> HasCriterionList(this PropertyBuilder<IReadOnlyList<CriterionCode>> property) =>
        property.HasConversion(
            new ValueConverter<IReadOnlyList<CriterionCode>, string>(
                v => string.Join(',', v.Select(c => c.Value)),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(CriterionCode.Parse).ToList()),
            SequenceComparer<IReadOnlyList<CriterionCode>, CriterionCode>());

    public static PropertyBuilder<IReadOnlyCollection<Municipality>> HasMunicipalityList(this PropertyBuilder<IReadOnlyCollection<Municipality>> property) =>
        property.HasConversion(
            new ValueConverter<IReadOnlyCollection<Municipality>, string>(
                v => string.Join(',', v.Select(m => m.Code)),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(KIP.Domain.Municipality.Parse).ToList()),
            SequenceComparer<IReadOnlyCollection<Municipality>, Municipality>());

    public static PropertyBuilder<IReadOnlyList<string>> HasStringList(this PropertyBuilder<IReadOnlyList<string>> property) =>
        property.HasConversion(
            new ValueConverter<IReadOnlyList<string>, string>(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList()),
            SequenceComparer<IReadOnlyList<string>, string>());

    private static ValueComparer<TCollection> SequenceComparer<TCollection, TItem>()
        where TCollection : IEnumerable<TItem> =>
        new(
            (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
            v => v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item!.GetHashCode())),
            v => (TCollection)(object)v.ToList());
}
