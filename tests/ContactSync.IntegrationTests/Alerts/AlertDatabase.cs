using System.Net;
using ContactSync.Core;
using ContactSync.Core.Alerts;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using ContactSync.Core.Views;
using ContactSync.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.IntegrationTests.Alerts;

/// <summary>
/// A migrated database and the alerts' Core services over it, as many "replicas" as a test wants (each with its own
/// pool, as separate processes would have), with the receivers played by <see cref="Receiver"/>.
/// </summary>
internal sealed class AlertDatabase : IAsyncDisposable
{
    public const string Dashboard = "https://contactsync.example.com";

    private readonly ReplicaPools _pools;

    private AlertDatabase(ReplicaPools pools) => _pools = pools;

    public string ConnectionString => _pools.ConnectionString;

    public Receiver Receiver { get; } = new();

    public AlertOptions Options { get; } = new()
    {
        WebhookUrl = "https://hooks.example.com/contactsync",
        WebhookSecret = "a-webhook-secret-of-some-length",
        SlackWebhookUrl = "https://hooks.slack.example/services/T0/B0/secret",
        DashboardUrl = Dashboard,
        RetryDelay = TimeSpan.FromSeconds(30),
        MaxRetryDelay = TimeSpan.FromMinutes(5),
    };

    public NexudusOptions Nexudus { get; } = new() { BaseUrl = "https://nexudus.test", Username = "operator@example.test", Password = "unused", WritesPerDay = 3 };

    public List<SourceOptions> Sources { get; } = [];

    public static async Task<AlertDatabase> CreateAsync(PostgresServer postgres) => new(await ReplicaPools.CreateAsync(postgres, "alerts"));

    public NpgsqlDataSource NewDataSource() => _pools.NewDataSource();

    public AlertStates States() => new(NewDataSource());

    public AlertEvaluator Evaluator(AlertWakeups? wakeups = null)
    {
        var dataSource = NewDataSource();
        return new AlertEvaluator(dataSource, new RecordBrowser(dataSource), new AlertStates(dataSource), wakeups ?? new AlertWakeups(),
            Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(Nexudus),
            new FixedOptions<ContactSyncOptions>(new ContactSyncOptions { Sources = Sources }), NullLogger<AlertEvaluator>.Instance);
    }

    public AlertOutbox Outbox() => new(NewDataSource());

    public AlertDelivery Delivery() => new(Outbox(), new AlertSender(Receiver, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System),
        Microsoft.Extensions.Options.Options.Create(Options), NullLogger<AlertDelivery>.Instance);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<OutboxEntry>> OutboxAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select id, event_id, target, payload, attempts, delivered_at is not null, dead_at is not null, last_error
            from alert_outbox order by id
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<OutboxEntry>();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxEntry(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), AlertEvent.FromJson(reader.GetString(3)),
                reader.GetInt32(4), reader.GetBoolean(5), reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return rows;
    }

    public ValueTask DisposeAsync() => _pools.DisposeAsync();

    private sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}

internal sealed record OutboxEntry(long Id, Guid EventId, string Target, AlertEvent Alert, int Attempts, bool Delivered, bool Dead, string? LastError);

/// <summary>Plays both receivers in process: answers with <see cref="Status"/> and counts what it took, by event and target host.</summary>
internal sealed class Receiver : HttpMessageHandler, IHttpClientFactory
{
    private readonly Lock _lock = new();
    private readonly List<(string Host, Guid? EventId, string Body, HttpStatusCode Answer)> _posts = [];

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public IReadOnlyList<(string Host, Guid? EventId, string Body, HttpStatusCode Answer)> Posts
    {
        get
        {
            lock (_lock)
            {
                return [.. _posts];
            }
        }
    }

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var eventId = request.Headers.TryGetValues(WebhookSignature.EventHeader, out var ids) ? Guid.Parse(ids.Single()) : (Guid?)null;
        var answer = Status;
        lock (_lock)
        {
            _posts.Add((request.RequestUri!.Host, eventId, body, answer));
        }

        return new HttpResponseMessage(answer);
    }
}
