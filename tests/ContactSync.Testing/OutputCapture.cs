using System.Text;

namespace ContactSync.Testing;

/// <summary>Lines of one output stream of a child process; written from the reader thread, read from tests.</summary>
public sealed class OutputCapture
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _text.AppendLine(line);
        }
    }
}
