namespace NetOps.Collector.Snmp;

/// <summary>
/// Who made a device and what it is (ENTITY-MIB entPhysicalTable, with the vendor from the
/// sysObjectID enterprise number when the device names none). Each figure says where it came from.
/// </summary>
/// <param name="Vendor">entPhysicalMfgName of the first chassis member that names one, else the vendor of the sysObjectID enterprise.</param>
/// <param name="VendorSource"><c>entPhysicalMfgName</c>, <c>sysObjectID</c>, or empty when neither says.</param>
/// <param name="EnterpriseNumber">The IANA private enterprise number in sysObjectID (1.3.6.1.4.1.N…), when it is one.</param>
/// <param name="Enterprise">That number's organisation as the IANA registry spells it (empty when not in our table).</param>
/// <param name="Model">entPhysicalModelName of the first member, else its entPhysicalName, else its entPhysicalDescr.</param>
/// <param name="ModelSource">The column <see cref="Model"/> came from.</param>
/// <param name="SerialNumbers">Every chassis member's serial number, in entPhysicalIndex order, without repeats.</param>
/// <param name="Chassis">The chassis members: one for a box, one per member for a stack.</param>
public sealed record EntityState(
    string Vendor,
    string VendorSource,
    long? EnterpriseNumber,
    string Enterprise,
    string Model,
    string ModelSource,
    IReadOnlyList<string> SerialNumbers,
    string HardwareRev,
    string FirmwareRev,
    string SoftwareRev,
    IReadOnlyList<ChassisMember> Chassis)
{
    public static readonly EntityState None = new("", "", null, "", "", "", [], "", "", "", []);
}

/// <param name="Class"><c>chassis</c> (entPhysicalClass 3), or <c>stack</c> (11) for a stack member the device describes as a stack.</param>
/// <param name="SerialSource">
/// <c>entPhysicalSerialNum</c>, or <c>board N</c> when the chassis row has none and the serial is that
/// of its main board N (the first module reached through containers, as Huawei VRP reports its ESN).
/// </param>
public sealed record ChassisMember(
    long Index,
    string Class,
    long ContainedIn,
    string Name,
    string Descr,
    string MfgName,
    string Model,
    string Serial,
    string SerialSource,
    string HardwareRev,
    string FirmwareRev,
    string SoftwareRev);
