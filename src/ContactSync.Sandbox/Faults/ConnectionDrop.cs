namespace ContactSync.Sandbox.Faults;

/// <summary>Aborts a connection on purpose and marks the request so the stats can tell it from a client abort.</summary>
internal static class ConnectionDrop
{
    private static readonly object Marker = new();

    public static void Abort(HttpContext context)
    {
        context.Items[Marker] = true;
        context.Abort();
    }

    public static bool WasDropped(HttpContext context) => context.Items.ContainsKey(Marker);
}
