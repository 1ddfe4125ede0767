using System.Text;
using ContactSync.Core.Security;
using ContactSync.Worker.Dashboard;

namespace ContactSync.Worker.Cli;

/// <summary>
/// <c>hash-password</c>: reads a dashboard password from standard input (one line; typed without echo at a terminal)
/// and prints its hash for <c>Dashboard:PasswordHash</c> or <c>Dashboard:Users:N:PasswordHash</c>. The password is
/// never an argument, so it stays out of shell history and the process list.
/// </summary>
internal static class HashPasswordCommand
{
    public static async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter error, bool interactive)
    {
        string? password;
        if (interactive)
        {
            await error.WriteAsync("Password: ");
            password = ReadHidden();
            await error.WriteLineAsync();
        }
        else
        {
            password = await input.ReadLineAsync();
        }

        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("hash-password: no password on standard input (e.g. printf '%s\\n' \"$PASSWORD\" | ... hash-password).");
            return ExitCodes.Fatal;
        }

        if (password.Length < DashboardCredentialsValidator.MinimumPasswordLength)
        {
            await error.WriteLineAsync($"hash-password: the password must be at least {DashboardCredentialsValidator.MinimumPasswordLength} characters.");
            return ExitCodes.Fatal;
        }

        await output.WriteLineAsync(PasswordHash.Create(password).ToString());
        return ExitCodes.Success;
    }

    private static string ReadHidden()
    {
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
