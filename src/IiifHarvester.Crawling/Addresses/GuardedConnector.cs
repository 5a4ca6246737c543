using System.Net;
using System.Net.Sockets;

namespace IiifHarvester.Crawling.Addresses;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the crawler: resolves the host itself and connects only to
/// addresses the rules allow. Checking the addresses actually connected to (not the name in the URL) is what stops a
/// hostname that resolves to loopback and a DNS-rebinding answer that changes between a check and the connect.
/// </summary>
internal static class GuardedConnector
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Create(bool allowPrivateNetworks) =>
        (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivateNetworks, cancellationToken);

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);

        var allowed = allowPrivateNetworks ? addresses : Array.FindAll(addresses, a => !AddressRules.IsRestricted(a));
        if (allowed.Length == 0)
        {
            throw new AddressBlockedException(
                $"{endPoint.Host} resolves only to refused addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}); the source does not allow private networks");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
