using ContactSync.Sandbox.Admin;
using ContactSync.Sandbox.Api;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Faults;

/// <summary>
/// Decides each request's fate. All random draws come from one seeded generator under a lock, so a client
/// that sends the same requests in the same order meets the same faults.
/// </summary>
internal sealed class FaultPlanner(IOptions<FaultOptions> startup) : ISandboxState
{
    private readonly Lock gate = new();
    private readonly List<Pending> scripted = [];
    private readonly Dictionary<string, RememberedAnswer> remembered = new(StringComparer.OrdinalIgnoreCase);
    private FaultOptions settings = startup.Value.Copy();
    private Random random = NewRandom(startup.Value.Seed);

    public FaultOptions Settings
    {
        get
        {
            lock (gate)
            {
                return settings.Copy();
            }
        }
    }

    public IReadOnlyList<ScriptedFault> Scripted
    {
        get
        {
            lock (gate)
            {
                return [.. scripted.Select(pending => pending.Fault with { Count = pending.Remaining })];
            }
        }
    }

    public FaultPlan Plan(string method, PathString path)
    {
        var isWrite = ApiPaths.IsWrite(method);
        lock (gate)
        {
            var latency = InScope(settings.LatencyScope, isWrite) && (settings.LatencyMs > 0 || settings.JitterMs > 0)
                ? TimeSpan.FromMilliseconds(settings.LatencyMs + random.Next(settings.JitterMs + 1))
                : TimeSpan.Zero;
            return new FaultPlan(latency, TakeScripted(method, path) ?? Draw(isWrite));
        }
    }

    /// <summary>Only a fault queued for this call, no latency and no random draw.</summary>
    public FaultPlan PlanScripted(string method, PathString path)
    {
        lock (gate)
        {
            return new FaultPlan(TimeSpan.Zero, TakeScripted(method, path));
        }
    }

    public void Enqueue(ScriptedFault fault)
    {
        lock (gate)
        {
            scripted.Add(new Pending(fault) { Remaining = fault.Count });
        }
    }

    public void ClearScripted()
    {
        lock (gate)
        {
            scripted.Clear();
            remembered.Clear();
        }
    }

    /// <summary>The answer a <see cref="FaultKind.RepeatFirstPage"/> call to this method and path first got, if any.</summary>
    public RememberedAnswer? Remembered(string method, PathString path)
    {
        lock (gate)
        {
            return remembered.GetValueOrDefault($"{method} {path}");
        }
    }

    public void Remember(string method, PathString path, RememberedAnswer answer)
    {
        lock (gate)
        {
            remembered.TryAdd($"{method} {path}", answer);
        }
    }

    /// <summary>Replaces the random-fault settings; a new Seed restarts the sequence. Scripted faults stay queued.</summary>
    public void Replace(FaultOptions replacement)
    {
        lock (gate)
        {
            settings = replacement.Copy();
            random = NewRandom(settings.Seed);
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            scripted.Clear();
            remembered.Clear();
            settings = startup.Value.Copy();
            random = NewRandom(settings.Seed);
        }
    }

    private FaultKind? TakeScripted(string method, PathString path)
    {
        var match = scripted.Find(pending => pending.Matches(method, path));
        if (match is null)
        {
            return null;
        }

        if (--match.Remaining <= 0)
        {
            scripted.Remove(match);
        }

        return match.Fault.Kind;
    }

    private FaultKind? Draw(bool isWrite)
    {
        var applicable = settings.Rates().Where(rate => rate.Rate > 0 && InScope(rate.Scope, isWrite)).ToList();
        if (applicable.Count == 0)
        {
            return null;
        }

        var roll = random.NextDouble();
        foreach (var (kind, rate, _) in applicable)
        {
            if (roll < rate)
            {
                return kind;
            }

            roll -= rate;
        }

        return null;
    }

    private static bool InScope(FaultScope scope, bool isWrite) => scope == FaultScope.All || isWrite;

    private static Random NewRandom(int? seed) => seed is { } value ? new Random(value) : new Random();

    private sealed class Pending(ScriptedFault fault)
    {
        public ScriptedFault Fault { get; } = fault;

        public int Remaining { get; set; }

        public bool Matches(string method, PathString path) =>
            (string.IsNullOrEmpty(Fault.Method) || string.Equals(Fault.Method, method, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(Fault.Path) || path.StartsWithSegments(Fault.Path, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>An answer kept to be sent again: its status, content type and body.</summary>
internal sealed record RememberedAnswer(int Status, string? ContentType, byte[] Body);
