using System.ComponentModel;
using System.Runtime.InteropServices;

namespace ContactSync.Testing;

public static class Posix
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    private const int NoSuchProcess = 3; // ESRCH

    public static bool IsRoot => geteuid() == 0;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; a process that is already gone is not an error.</summary>
    public static void SendSignal(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != NoSuchProcess)
            {
                throw new Win32Exception(errno, $"kill({pid}, {signal}) failed");
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern uint geteuid();
}
