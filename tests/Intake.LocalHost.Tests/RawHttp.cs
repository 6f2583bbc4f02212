using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Intake.LocalHost.Tests;

/// <summary>One HTTP answer as it came over the wire.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">The headers, by lower-case name (repeated ones joined with ", ").</param>
/// <param name="Body">The body, de-chunked.</param>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The media type, without parameters, or "" when there is none.</summary>
    public string MediaType => Headers.TryGetValue("content-type", out var type) ? type.Split(';')[0].Trim() : "";

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// HTTP/1.1 over a plain socket, one connection per request, sending the request target byte for
/// byte (HttpClient's <see cref="Uri"/> would decode <c>%2e</c> and resolve dot segments before
/// the service ever saw them), or the body at a slow client's pace.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri address, string method, string target, IEnumerable<KeyValuePair<string, string>> headers, byte[]? body = null)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(address.Host, address.Port, timeout.Token);
        await using var stream = client.GetStream();
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        if (body is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        }
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), timeout.Token);
        if (body is not null)
        {
            await stream.WriteAsync(body, timeout.Token);
        }
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        return Parse(received.ToArray());
    }

    /// <summary>
    /// Sends the head of a request at once, then its body <paramref name="bytesPerStep"/> bytes every
    /// <paramref name="step"/> (a slow client's pace, the behaviour under test) until the whole body is
    /// sent or the server answers and closes; gives up after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(RawResponse Response, int BodyBytesSent)> TrickleAsync(Uri address, string target, IEnumerable<KeyValuePair<string, string>> headers,
        byte[] body, int bytesPerStep, TimeSpan step, TimeSpan timeout)
    {
        using var client = new TcpClient { NoDelay = true };
        using var giveUp = new CancellationTokenSource(timeout);
        await client.ConnectAsync(address.Host, address.Port, giveUp.Token);
        await using var stream = client.GetStream();
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"POST {target} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\nContent-Length: {body.Length}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), giveUp.Token);

        using var answered = CancellationTokenSource.CreateLinkedTokenSource(giveUp.Token);
        var sent = 0;
        var trickling = Task.Run(async () =>
        {
            using var pace = new PeriodicTimer(step);
            try
            {
                while (sent < body.Length && await pace.WaitForNextTickAsync(answered.Token))
                {
                    var count = Math.Min(bytesPerStep, body.Length - sent);
                    await stream.WriteAsync(body.AsMemory(sent, count), answered.Token);
                    sent += count;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // Answered, or the server closed the connection: the client stops sending.
            }
        });
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, giveUp.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server reset the connection after its answer (the client was still sending).
        }
        await answered.CancelAsync();
        await trickling;
        return (Parse(received.ToArray()), sent);
    }

    private static RawResponse Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidDataException($"An answer without a complete head: {Encoding.Latin1.GetString(bytes)}");
        }
        var lines = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var before) ? $"{before}, {value}" : value;
        }
        var body = bytes.AsSpan(end + 4).ToArray();
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }
        return new RawResponse(status, headers, body);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            at += lineEnd + 2;
            if (size == 0)
            {
                return body.ToArray();
            }
            body.Write(chunked, at, size);
            at += size + 2;
        }
    }
}
