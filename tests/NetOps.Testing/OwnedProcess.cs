using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetOps.Testing;

/// <summary>A server process a test started, with its working folder: disposing kills it and removes the folder.</summary>
public sealed class OwnedProcess(Process process, string directory) : IAsyncDisposable
{
    public bool HasExited => process.HasExited;

    /// <summary>A UDP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        TestDirectories.Delete(directory);
    }
}
