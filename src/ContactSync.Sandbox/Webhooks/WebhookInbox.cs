using ContactSync.Sandbox.Admin;

namespace ContactSync.Sandbox.Webhooks;

/// <summary>One post the receiver got: the headers a signed alert carries, the raw body, and what it answered.</summary>
internal sealed record ReceivedWebhook(
    int Sequence, string Channel, DateTimeOffset ReceivedAt, int AnsweredStatus, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// What the webhook receiver has been sent, in order, and how it answers (200, or a failure status a test sets to
/// play a receiver that is down). Reset clears both.
/// </summary>
internal sealed class WebhookInbox : ISandboxState
{
    public const int DefaultStatus = StatusCodes.Status200OK;

    private readonly Lock _lock = new();
    private readonly List<ReceivedWebhook> _received = [];
    private int _answer = DefaultStatus;

    public int Answer
    {
        get
        {
            lock (_lock)
            {
                return _answer;
            }
        }

        set
        {
            lock (_lock)
            {
                _answer = value;
            }
        }
    }

    /// <summary>Records the post and returns the status to answer it with.</summary>
    public int Receive(string channel, DateTimeOffset at, IReadOnlyDictionary<string, string> headers, string body)
    {
        lock (_lock)
        {
            _received.Add(new ReceivedWebhook(_received.Count + 1, channel, at, _answer, headers, body));
            return _answer;
        }
    }

    public IReadOnlyList<ReceivedWebhook> Received(string? channel)
    {
        lock (_lock)
        {
            return [.. _received.Where(post => channel is null || post.Channel == channel)];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _received.Clear();
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _received.Clear();
            _answer = DefaultStatus;
        }
    }
}
