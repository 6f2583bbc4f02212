using System.Net;
using System.Net.Sockets;

namespace Intake.Testing;

/// <summary>Ports on the loopback address, for the servers a test starts.</summary>
public static class FreePort
{
    /// <summary>A free TCP port on the loopback address.</summary>
    public static int Next() => Take(1)[0];

    /// <summary><paramref name="count"/> different free ports (all held open together while chosen, so none repeats).</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>True when something accepts connections on <paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
