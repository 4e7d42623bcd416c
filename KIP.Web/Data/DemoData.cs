namespace KIP.Web.Data;

/// <summary>Realistic demo data for Development, written once into an empty database.</summary>
public sealed class DemoData
{
    public Task SeedIfEmptyAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
