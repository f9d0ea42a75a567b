using System.Buffers.Binary;

namespace NetOps.Analyzer.Protocols.Dns;

/// <summary>
/// A DNS message (RFC 1035 4.1) over a UDP payload, or a TCP segment with its 2-byte length prefix:
/// the header, then the questions with <see cref="TryReadQuestion"/>, then the records of the answer,
/// authority and additional sections with <see cref="TryReadRecord"/>, in wire order. Reading stops
/// at the first malformed part (<see cref="Malformed"/> says why); nothing is allocated until a caller
/// formats a name.
/// </summary>
public ref struct DnsMessageReader
{
    public const int HeaderLength = 12;

    private const int QuestionFixedLength = 4;
    private const int RecordFixedLength = 10;

    private readonly ReadOnlySpan<byte> _message;
    private int _position;
    private int _questionsLeft;
    private int _answersLeft;
    private int _authorityLeft;
    private int _additionalLeft;

    private DnsMessageReader(ReadOnlySpan<byte> message)
    {
        _message = message;
        _position = HeaderLength;
        _questionsLeft = QuestionCount;
        _answersLeft = AnswerCount;
        _authorityLeft = AuthorityCount;
        _additionalLeft = AdditionalCount;
        Malformed = DnsMalformedReason.None;
    }

    /// <summary>Reads the header of a message carried in one UDP datagram.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out DnsMessageReader reader, out DnsMalformedReason reason)
    {
        if (message.Length < HeaderLength)
        {
            reader = default;
            reason = DnsMalformedReason.TruncatedHeader;
            return false;
        }
        reader = new DnsMessageReader(message);
        reason = DnsMalformedReason.None;
        return true;
    }

    /// <summary>Reads the first message of a TCP segment that starts with its 2-byte length (RFC 1035 4.2.2).</summary>
    public static bool TryReadTcp(ReadOnlySpan<byte> segment, out DnsMessageReader reader, out DnsMalformedReason reason)
    {
        if (segment.Length < 2 || 2 + BinaryPrimitives.ReadUInt16BigEndian(segment) > segment.Length)
        {
            reader = default;
            reason = DnsMalformedReason.TcpLengthBeyondSegment;
            return false;
        }
        return TryRead(segment.Slice(2, BinaryPrimitives.ReadUInt16BigEndian(segment)), out reader, out reason);
    }

    /// <summary>The message without any TCP length prefix.</summary>
    public readonly ReadOnlySpan<byte> Message => _message;

    public readonly ushort Id => BinaryPrimitives.ReadUInt16BigEndian(_message);

    public readonly ushort Flags => BinaryPrimitives.ReadUInt16BigEndian(_message[2..]);

    /// <summary>QR: a response rather than a query.</summary>
    public readonly bool IsResponse => (Flags & 0x8000) != 0;

    public readonly byte Opcode => (byte)((Flags >> 11) & 0xF);

    public readonly bool IsTruncated => (Flags & 0x0200) != 0;

    /// <summary>The 4-bit response code of the header (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN…).</summary>
    public readonly byte ResponseCode => (byte)(Flags & 0xF);

    public readonly ushort QuestionCount => BinaryPrimitives.ReadUInt16BigEndian(_message[4..]);

    public readonly ushort AnswerCount => BinaryPrimitives.ReadUInt16BigEndian(_message[6..]);

    public readonly ushort AuthorityCount => BinaryPrimitives.ReadUInt16BigEndian(_message[8..]);

    public readonly ushort AdditionalCount => BinaryPrimitives.ReadUInt16BigEndian(_message[10..]);

    /// <summary>Why reading stopped before the counts of the header were met; None while all is well.</summary>
    public DnsMalformedReason Malformed { get; private set; }

    /// <summary>The next question; false after the last one, or at a malformed one (see <see cref="Malformed"/>).</summary>
    public bool TryReadQuestion(out DnsQuestion question)
    {
        question = default;
        if (_questionsLeft == 0 || Malformed != DnsMalformedReason.None)
            return false;
        if (!DnsName.TryRead(_message, _position, out var name, out var next, out var reason))
            return Fail(reason);
        if (next + QuestionFixedLength > _message.Length)
            return Fail(DnsMalformedReason.TruncatedQuestion);
        question = new DnsQuestion(name, BinaryPrimitives.ReadUInt16BigEndian(_message[next..]), BinaryPrimitives.ReadUInt16BigEndian(_message[(next + 2)..]));
        _position = next + QuestionFixedLength;
        _questionsLeft--;
        return true;
    }

    /// <summary>
    /// The next resource record, any section (questions not yet read are skipped first); false after the
    /// last one, or at a malformed one (see <see cref="Malformed"/>).
    /// </summary>
    public bool TryReadRecord(out DnsRecord record)
    {
        record = default;
        while (_questionsLeft > 0)
        {
            if (!TryReadQuestion(out _))
                return false;
        }
        if (Malformed != DnsMalformedReason.None)
            return false;
        DnsSection section;
        if (_answersLeft > 0)
        {
            section = DnsSection.Answer;
            _answersLeft--;
        }
        else if (_authorityLeft > 0)
        {
            section = DnsSection.Authority;
            _authorityLeft--;
        }
        else if (_additionalLeft > 0)
        {
            section = DnsSection.Additional;
            _additionalLeft--;
        }
        else
        {
            return false;
        }
        if (!DnsName.TryRead(_message, _position, out var name, out var next, out var reason))
            return Fail(reason);
        if (next + RecordFixedLength > _message.Length)
            return Fail(DnsMalformedReason.TruncatedRecord);
        var fixedPart = _message[next..];
        var type = BinaryPrimitives.ReadUInt16BigEndian(fixedPart);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(fixedPart[8..]);
        var dataOffset = next + RecordFixedLength;
        if (dataOffset + dataLength > _message.Length)
            return Fail(DnsMalformedReason.TruncatedRecord);
        if ((type == DnsRecordType.A && dataLength != 4) || (type == DnsRecordType.Aaaa && dataLength != 16))
            return Fail(DnsMalformedReason.BadAddressLength);
        record = new DnsRecord(_message, section, name, type, BinaryPrimitives.ReadUInt16BigEndian(fixedPart[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(fixedPart[4..]), dataOffset, dataLength);
        _position = dataOffset + dataLength;
        return true;
    }

    private bool Fail(DnsMalformedReason reason)
    {
        Malformed = reason;
        return false;
    }
}
