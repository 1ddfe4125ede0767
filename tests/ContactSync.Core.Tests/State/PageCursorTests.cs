using System.Text;
using ContactSync.Core.Views;

namespace ContactSync.Core.Tests.State;

public sealed class PageCursorTests
{
    [Fact]
    public void A_record_cursor_reads_back_the_source_and_key_it_was_written_with()
    {
        var cursor = RecordCursor.Write("crm", "100031/é");

        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
        Assert.True(RecordCursor.TryRead(cursor, out var position));
        Assert.Equal(("crm", "100031/é"), position);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("!!!")]
    [InlineData("null")]
    [InlineData("[null,null]")]
    [InlineData("[\"crm\",null]")]
    [InlineData("[\"crm\"]")]
    [InlineData("[\"crm\",\"a\",\"b\"]")]
    [InlineData("[\"crm\",1]")]
    [InlineData("{\"source\":\"crm\"}")]
    [InlineData("[\"crm\",\"a\\u0000b\"]")]
    [InlineData("[\"crm\\n\",\"a\"]")]
    [InlineData("[\"crm\",\"a\\u001b[31m\"]")]
    [InlineData("[\"crm\",\"\\ud800\"]")]
    public void A_record_cursor_this_did_not_write_reads_as_none(string json)
    {
        var cursor = json == "not-a-cursor" || json == "!!!" ? json : Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.False(RecordCursor.TryRead(cursor, out _));
    }

    [Fact]
    public void A_run_cursor_reads_back_its_start_and_id_and_refuses_anything_else()
    {
        var id = Guid.NewGuid();
        var started = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        Assert.True(RunCursor.TryRead(RunCursor.Write(started, id), out var position));
        Assert.Equal((started, id), position);
        foreach (var bad in new[] { "", "1", "1.2.3", "-1." + id.ToString("N"), "99999999999999999999." + id.ToString("N"), "1." + id.ToString("D"), "1\0." + id.ToString("N") })
        {
            Assert.False(RunCursor.TryRead(bad, out _), bad);
        }
    }
}
