using NetOps.Store.LineProtocol;

namespace NetOps.Collector.Snmp;

/// <summary>The identity fields of an snmp_device point.</summary>
internal static class EntityPoints
{
    public static Point WithEntity(this Point point, EntityState entity)
    {
        point.Field("vendor", entity.Vendor)
            .Field("model", entity.Model)
            .Field("serial_numbers", string.Join(",", entity.SerialNumbers))
            .Field("hardware_rev", entity.HardwareRev)
            .Field("firmware_rev", entity.FirmwareRev)
            .Field("software_rev", entity.SoftwareRev)
            .Field("chassis_members", (long)entity.Chassis.Count);
        if (entity.EnterpriseNumber is { } enterprise)
            point.Field("enterprise_number", enterprise);
        return point;
    }
}
