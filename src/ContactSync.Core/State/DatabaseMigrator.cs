namespace ContactSync.Core.State;

/// <summary>Applies the product's versioned migrations once, safely when several replicas start together.</summary>
public sealed class DatabaseMigrator
{
    public Task MigrateAsync(CancellationToken cancellationToken)
        => throw new NotImplementedException("skeleton");
}
