using System.Net;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// Two replicas of the worker on one database, signing people in at the Sandbox's OpenID Connect provider and a script
/// (robot) with a hashed Basic login, started once for the tests of a class. A viewer and an operator have each signed
/// in on replica A by then, and what the sign-in landed on is kept; their sessions, and the form token each was given,
/// stay open for the tests to use.
/// The one configured source is idle: a retry or a triggered job finds nothing to do.
/// </summary>
public sealed class ProviderLoginReplicas(PostgresServer postgres) : IAsyncLifetime
{
    public const string Source = "idle";
    public const string Robot = "robot";
    public const string RobotPassword = "robot-password-1";

    /// <summary>The page the viewer asked for before signing in, and the operator's.</summary>
    public const string ViewerAsked = "contactsync/?source=idle";
    public const string OperatorAsked = "hangfire/recurring";

    private readonly int _portA = FreeTcpPort.Next();
    private readonly int _portB = FreeTcpPort.Next();
    private SandboxProcess? _provider;
    private WorkerProcess? _replicaA;
    private WorkerProcess? _replicaB;
    private BrowserSession? _viewer;
    private BrowserSession? _operator;

    public Uri BaseA => new($"http://127.0.0.1:{_portA}/");

    public Uri BaseB => new($"http://127.0.0.1:{_portB}/");

    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    public WorkerProcess ReplicaA => _replicaA ?? throw new InvalidOperationException("not started");

    public WorkerProcess ReplicaB => _replicaB ?? throw new InvalidOperationException("not started");

    /// <summary>The viewer's browser, signed in on replica A, and the page its sign-in ended on.</summary>
    public BrowserSession Viewer => _viewer ?? throw new InvalidOperationException("not started");

    public Landing ViewerLanding { get; private set; } = new(0, null, "");

    public string ViewerToken { get; private set; } = "";

    /// <summary>The operator's browser, signed in on replica A, and the page its sign-in ended on.</summary>
    public BrowserSession Operator => _operator ?? throw new InvalidOperationException("not started");

    public Landing OperatorLanding { get; private set; } = new(0, null, "");

    public string OperatorToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _provider = DashboardLogins.ProviderFor(_portA, _portB);
        await _provider.StartAsync();
        var environment = DashboardLogins.WithOidc(await IdleWorkerEnvironment.CreateAsync(postgres, Source), _provider);
        Environment = await DashboardLogins.WithHashedLoginAsync(environment, Robot, RobotPassword);
        _replicaA = new WorkerProcess(Environment, "run", "--urls", BaseA.ToString().TrimEnd('/'));
        _replicaB = new WorkerProcess(Environment, "run", "--urls", BaseB.ToString().TrimEnd('/'));
        _replicaA.Start();
        await DashboardLogins.WaitForHealthAsync(_replicaA, BaseA);
        _replicaB.Start();
        await DashboardLogins.WaitForHealthAsync(_replicaB, BaseB);

        _viewer = new BrowserSession(BaseA);
        ViewerLanding = await Landing.OfAsync(_viewer.SignInAsync(ViewerAsked, DashboardLogins.Viewer.Name, DashboardLogins.Viewer.Password));
        ViewerToken = await _viewer.AntiforgeryTokenAsync();
        _operator = new BrowserSession(BaseA);
        OperatorLanding = await Landing.OfAsync(_operator.SignInAsync(OperatorAsked, DashboardLogins.Operator.Name, DashboardLogins.Operator.Password));
        OperatorToken = await _operator.AntiforgeryTokenAsync();
    }

    public async Task DisposeAsync()
    {
        _viewer?.Dispose();
        _operator?.Dispose();
        foreach (var process in new[] { _replicaB, _replicaA })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    /// <summary>Where a sign-in ended: its status, the address it was answered from, and the page.</summary>
    public sealed record Landing(HttpStatusCode Status, Uri? Address, string Page)
    {
        public static async Task<Landing> OfAsync(Task<HttpResponseMessage> signIn)
        {
            using var response = await signIn;
            return new Landing(response.StatusCode, response.RequestMessage?.RequestUri, await response.Content.ReadAsStringAsync());
        }
    }
}
