using NetOps.Snmp.Usm;

namespace NetOps.Snmp.Tests;

/// <summary>
/// Known answers for the two ways a localized key is made long enough for AES-192/256.
/// Engine ID 80001f8880aabbccdd00112233 (the snmpd fixture's exactEngineID), privacy password
/// "privpass123". The vectors come from two sources that agree byte for byte:
///  - a one-off python3 script written from the drafts with hashlib only (RFC 3414 A.2 password
///    to key and localization; Blumenthal: Kul || H(Kul); Reeder: Kul || localize(Ku(Kul)));
///  - net-snmp 5.9.3's snmpd, which stores the extended key in its persistent usmUser lines after
///    <c>createUser u SHA authpass123 AES-256-C privpass123</c> (and MD5/AES-192-C, SHA-224/AES-256-C,
///    SHA/AES-256, MD5/AES-192) with that engine ID.
/// </summary>
public sealed class UsmKeyExtensionTests
{
    private static readonly byte[] EngineId = Convert.FromHexString("80001f8880aabbccdd00112233");

    public static IEnumerable<object[]> Vectors() =>
    [
        // auth, localized key, key length, Reeder-extended, Blumenthal-extended
        ["MD5", "4f2dcf8b1e44d15e33b8e4fab0cc0bf1", 24,
            "4f2dcf8b1e44d15e33b8e4fab0cc0bf1ea75803274912e38", "4f2dcf8b1e44d15e33b8e4fab0cc0bf14462c5ad92945efd"],
        ["MD5", "4f2dcf8b1e44d15e33b8e4fab0cc0bf1", 32,
            "4f2dcf8b1e44d15e33b8e4fab0cc0bf1ea75803274912e389f7e4544774fa5f0", "4f2dcf8b1e44d15e33b8e4fab0cc0bf14462c5ad92945efda19f5e32afca5692"],
        ["SHA", "4c70f63249b83e99ba27d5aeb42a3daee76c0741", 24,
            "4c70f63249b83e99ba27d5aeb42a3daee76c0741435856e5", "4c70f63249b83e99ba27d5aeb42a3daee76c07415f338ff6"],
        ["SHA", "4c70f63249b83e99ba27d5aeb42a3daee76c0741", 32,
            "4c70f63249b83e99ba27d5aeb42a3daee76c0741435856e5bc3e12f59e44d226", "4c70f63249b83e99ba27d5aeb42a3daee76c07415f338ff68103a0e9226db4c4"],
        ["SHA-224", "64360c65a4d368d0f8330c4287dfacf229899691ae3c899973060f17", 32,
            "64360c65a4d368d0f8330c4287dfacf229899691ae3c899973060f1793a7d8b3", "64360c65a4d368d0f8330c4287dfacf229899691ae3c899973060f17697ad249"],
        // A SHA-256 key is already long enough for AES-256: both extensions only cut it.
        ["SHA-256", "a47d62b8c9a06735d850d4c1761af5f54e65091a7114c9153c576eb0d825e3e7", 32,
            "a47d62b8c9a06735d850d4c1761af5f54e65091a7114c9153c576eb0d825e3e7", "a47d62b8c9a06735d850d4c1761af5f54e65091a7114c9153c576eb0d825e3e7"],
    ];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void ReederAndBlumenthalExtendALocalizedKeyAsTheDraftsSay(string auth, string localized, int length, string reeder, string blumenthal)
    {
        var protocol = UsmProtocolNames.ParseAuth(auth);
        var key = Convert.FromHexString(localized);
        Assert.Equal(reeder, Convert.ToHexStringLower(UsmCrypto.ExtendReeder(protocol, key, EngineId, length)));
        Assert.Equal(blumenthal, Convert.ToHexStringLower(UsmCrypto.ExtendBlumenthal(protocol, key, length)));
    }

    [Theory]
    [InlineData("MD5", "AES-192-C", "4f2dcf8b1e44d15e33b8e4fab0cc0bf1ea75803274912e38")]
    [InlineData("MD5", "AES-192", "4f2dcf8b1e44d15e33b8e4fab0cc0bf14462c5ad92945efd")]
    [InlineData("SHA", "AES-256-C", "4c70f63249b83e99ba27d5aeb42a3daee76c0741435856e5bc3e12f59e44d226")]
    [InlineData("SHA", "AES-256", "4c70f63249b83e99ba27d5aeb42a3daee76c07415f338ff68103a0e9226db4c4")]
    [InlineData("SHA-224", "AES-256-C", "64360c65a4d368d0f8330c4287dfacf229899691ae3c899973060f1793a7d8b3")]
    public void ThePrivacyKeyOfEachProtocolIsTheOneSnmpdStores(string auth, string priv, string stored)
    {
        var key = UsmCrypto.PrivacyKey(UsmProtocolNames.ParseAuth(auth), UsmProtocolNames.ParsePriv(priv), "privpass123", EngineId);
        Assert.Equal(stored, Convert.ToHexStringLower(key));
    }

    [Theory]
    [InlineData("AES-192-C", PrivProtocol.AES192C)]
    [InlineData("aes-256-c", PrivProtocol.AES256C)]
    [InlineData("AES256C", PrivProtocol.AES256C)]
    [InlineData("AES-256", PrivProtocol.AES256)]
    public void ProtocolNamesAreNetSnmps(string name, PrivProtocol expected) => Assert.Equal(expected, UsmProtocolNames.ParsePriv(name));
}
