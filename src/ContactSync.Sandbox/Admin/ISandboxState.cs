namespace ContactSync.Sandbox.Admin;

/// <summary>Mutable Sandbox state that <c>POST /_sandbox/reset</c> returns to its start-up value.</summary>
internal interface ISandboxState
{
    void Reset();
}
