using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using ContactSync.Core.Postgres;
using ContactSync.Worker.Dashboard;
using Microsoft.Extensions.Logging;

namespace ContactSync.Deployment.Tests;

/// <summary>
/// Across the product (Core, Worker and Sandbox) every log message has an event id no other message has, lives in an
/// area's <c>…LogMessages</c> class, and is listed in docs/log-events.md with its level and name.
/// </summary>
public sealed partial class LogMessagesTests
{
    private const string LoggerMessageAttribute = "Microsoft.Extensions.Logging.LoggerMessageAttribute";

    private static readonly Lazy<(IReadOnlyList<Assembly> Assemblies, IReadOnlyList<Message> Messages)> Product = new(Read);

    [Fact]
    public void Every_message_has_an_event_id_of_its_own()
    {
        var messages = Product.Value.Messages;
        Assert.Equal(["ContactSync.Core", "ContactSync.Sandbox", "ContactSync.Worker"], messages.Select(m => m.Assembly).Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(messages.Where(m => m.EventId == 0).Select(m => m.Where));
        Assert.Empty(messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Where))}"));
    }

    [Fact]
    public void Every_message_is_in_a_log_messages_class() =>
        Assert.Empty(Product.Value.Messages.Where(m => !m.Type.EndsWith("LogMessages", StringComparison.Ordinal)).Select(m => m.Where));

    [Fact]
    public void No_type_is_named_plainly_Log() =>
        Assert.Empty(Product.Value.Assemblies.SelectMany(a => a.GetTypes()).Where(type => type.Name == "Log").Select(type => type.FullName));

    [Fact]
    public void The_log_events_page_lists_every_message_with_its_level_and_name()
    {
        var page = File.ReadAllLines(Path.Combine(RepositoryLayout.Root, "docs", "log-events.md"));
        var listed = page.Select(line => Row().Match(line)).Where(match => match.Success)
            .Select(match => $"{match.Groups["id"].Value} {match.Groups["level"].Value} {match.Groups["name"].Value}")
            .Order(StringComparer.Ordinal);
        var logged = Product.Value.Messages.Select(m => $"{m.EventId} {m.Level} {m.Name}").Order(StringComparer.Ordinal);
        Assert.Equal(logged, listed);
    }

    private static (IReadOnlyList<Assembly>, IReadOnlyList<Message>) Read()
    {
        // The Sandbox is a web app of its own: its assembly is read in a context that resolves its dependencies from its
        // output, and its attributes by name, since its Microsoft.Extensions.Logging need not be this process's.
        var sandboxDll = RepositoryLayout.AppDll("ContactSync.Sandbox");
        Assembly[] assemblies =
        [
            typeof(DatabaseMigrator).Assembly,
            typeof(DashboardLogMessages).Assembly,
            new AppLoadContext(sandboxDll).LoadFromAssemblyPath(sandboxDll),
        ];
        var messages =
            from assembly in assemblies
            from type in assembly.GetTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            let attribute = method.CustomAttributes.SingleOrDefault(a => a.AttributeType.FullName == LoggerMessageAttribute)
            where attribute is not null
            select Message.Of(assembly.GetName().Name!, type, method, attribute);
        return (assemblies, messages.ToList());
    }

    private sealed record Message(string Assembly, string Type, string Where, int EventId, LogLevel? Level, string Name)
    {
        public static Message Of(string assembly, Type type, MethodInfo method, CustomAttributeData attribute)
        {
            // [LoggerMessage(1001, LogLevel.Information, "…")] or [LoggerMessage(EventId = 1001, Level = …, Message = "…")].
            object? Argument(string name, string typeName) =>
                attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault()
                ?? attribute.ConstructorArguments.Where(a => a.ArgumentType.FullName == typeName).Select(a => a.Value).FirstOrDefault();
            return new Message(
                assembly,
                type.Name,
                $"{type.FullName}.{method.Name}",
                Argument("EventId", "System.Int32") as int? ?? 0,
                Argument("Level", "Microsoft.Extensions.Logging.LogLevel") is int level ? (LogLevel)level : null,
                Argument("EventName", "-") as string ?? method.Name);
        }
    }

    private sealed class AppLoadContext(string path) : AssemblyLoadContext(isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } file ? LoadFromAssemblyPath(file) : null;
    }

    /// <summary>A table row of the page: <c>| 2004 | Warning | FewerWorkersThanSources | … |</c>.</summary>
    [GeneratedRegex(@"^\| (?<id>\d+) \| (?<level>\w+) \| `?(?<name>\w+)`? \|")]
    private static partial Regex Row();
}
