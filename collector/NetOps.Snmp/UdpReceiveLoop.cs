using System.Net;
using System.Net.Sockets;

namespace NetOps.Snmp;

/// <summary>The receive loop of a UDP server (trap receiver, RADIUS accounting receiver).</summary>
public static class UdpReceiveLoop
{
    /// <summary>
    /// Hands each datagram to <paramref name="handle"/> (the bytes are valid only during the call)
    /// until <paramref name="stop"/> is cancelled or the socket is disposed. Transient socket errors
    /// (an ICMP port unreachable reported on the next receive) skip to the next datagram.
    /// </summary>
    public static async Task RunAsync(Socket socket, int bufferSize, Func<ReadOnlyMemory<byte>, IPEndPoint, Task> handle, CancellationToken stop)
    {
        var buffer = new byte[bufferSize];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            await handle(buffer.AsMemory(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint).ConfigureAwait(false);
        }
    }
}
