using System.Reflection;
using ContactSync.Core.Runs;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Tests;

/// <summary>
/// Core's log messages live in one <c>…LogMessages</c> class per area, each with an event id of its own
/// (docs/log-events.md). The Deployment tests check the same across the Worker and the Sandbox too.
/// </summary>
public sealed class LogMessagesTests
{
    private static readonly Assembly Core = typeof(RunLogMessages).Assembly;

    private static IReadOnlyList<(MethodInfo Method, LoggerMessageAttribute Attribute)> Messages() =>
    [
        .. from type in Core.GetTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
           let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
           where attribute is not null
           select (method, attribute),
    ];

    [Fact]
    public void Every_message_has_an_event_id_of_its_own()
    {
        var messages = Messages();
        Assert.NotEmpty(messages);
        Assert.Empty(messages.Where(m => m.Attribute.EventId == 0).Select(m => Describe(m.Method)));
        Assert.Empty(messages.GroupBy(m => m.Attribute.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => Describe(m.Method)))}"));
    }

    [Fact]
    public void Every_message_is_in_a_log_messages_class() =>
        Assert.Empty(Messages().Where(m => !m.Method.DeclaringType!.Name.EndsWith("LogMessages", StringComparison.Ordinal)).Select(m => Describe(m.Method)));

    [Fact]
    public void No_type_is_named_plainly_Log() =>
        Assert.Empty(Core.GetTypes().Where(type => type.Name == "Log").Select(type => type.FullName));

    private static string Describe(MethodInfo method) => $"{method.DeclaringType!.FullName}.{method.Name}";
}
