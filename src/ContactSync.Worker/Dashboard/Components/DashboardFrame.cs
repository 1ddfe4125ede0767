namespace ContactSync.Worker.Dashboard.Components;

/// <summary>
/// What every page needs besides its data: where the app is mounted, who is looking (and whether they may act), the
/// antiforgery token its forms carry, and a notice left by the action that led here.
/// </summary>
public sealed record DashboardFrame(string Root, string User, bool IsOperator, string TokenField, string Token, string? Notice = null)
{
    /// <summary>Signed in through the identity provider (a cookie), so signing out means something.</summary>
    public bool CanSignOut { get; init; }
}
