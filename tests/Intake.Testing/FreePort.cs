using System.Net;
using System.Net.Sockets;

namespace Intake.Testing;

/// <summary>Ports nobody listens on, for the servers a test starts.</summary>
public static class FreePort
{
    /// <summary>A free TCP port on the loopback address.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
