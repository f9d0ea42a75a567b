namespace NetOps.Analyzer.Decoding;

/// <summary>TCP flag bits as in the header's low 9 bits (tshark's tcp.flags value).</summary>
[Flags]
public enum TcpFlags : ushort
{
    None = 0,
    Fin = 0x001,
    Syn = 0x002,
    Rst = 0x004,
    Psh = 0x008,
    Ack = 0x010,
    Urg = 0x020,
    Ece = 0x040,
    Cwr = 0x080,
    /// <summary>The former nonce-sum bit (RFC 3540, historic; now reserved/AE).</summary>
    Ns = 0x100,
}
