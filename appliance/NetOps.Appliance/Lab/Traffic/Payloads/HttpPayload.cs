using System.Text;

namespace NetOps.Appliance.Lab.Traffic.Payloads;

/// <summary>HTTP/1.1 requests and responses in clear text.</summary>
internal static class HttpPayload
{
    public static byte[] Get(string host, string path, string userAgent, string? authorization = null)
    {
        var text = new StringBuilder()
            .Append("GET ").Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(host).Append("\r\n")
            .Append("User-Agent: ").Append(userAgent).Append("\r\n")
            .Append("Accept: */*\r\n");
        if (authorization is not null)
            text.Append("Authorization: ").Append(authorization).Append("\r\n");
        text.Append("Connection: keep-alive\r\n\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    public static byte[] Ok(string contentType, byte[] body)
    {
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: keep-alive\r\n\r\n");
        return [.. head, .. body];
    }
}
