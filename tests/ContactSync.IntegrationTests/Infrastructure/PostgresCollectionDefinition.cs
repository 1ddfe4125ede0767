namespace ContactSync.IntegrationTests.Infrastructure;

/// <summary>Test classes marked <c>[Collection(PostgresCollectionDefinition.Name)]</c> share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
