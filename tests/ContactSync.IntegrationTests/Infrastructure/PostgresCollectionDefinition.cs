namespace ContactSync.IntegrationTests.Infrastructure;

/// <summary>Test classes marked <c>[Collection(PostgresCollectionDefinition.Name)]</c> share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}

/// <summary>
/// The source tests (the register, the CRM) share a <see cref="PostgresServer"/> of their own, so they run beside
/// the "postgres" collection instead of after it: they restart no server and wait mostly on processes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SourcesPostgresCollectionDefinition : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres-sources";
}
