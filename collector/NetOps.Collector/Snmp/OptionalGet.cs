using NetOps.Snmp;
using NetOps.Snmp.Client;

namespace NetOps.Collector.Snmp;

/// <summary>
/// A Get of objects a device may not have: each answer is its value, or null when the device has no
/// such object. SNMPv1 refuses the whole request for one missing object (noSuchName), and a large
/// request may be tooBig; then each object is asked for alone.
/// </summary>
internal static class OptionalGet
{
    private const int PerRequest = 16;

    public static async Task<SnmpValue?[]> GetAsync(SnmpClient client, SnmpTarget target, IReadOnlyList<ObjectIdentifier> oids, CancellationToken cancellationToken)
    {
        var values = new SnmpValue?[oids.Count];
        for (var start = 0; start < oids.Count; start += PerRequest)
        {
            var chunk = oids.Skip(start).Take(PerRequest).ToList();
            try
            {
                var answer = await client.GetAsync(target, chunk, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < chunk.Count && i < answer.Count; i++)
                    values[start + i] = answer[i].Value.IsException ? null : answer[i].Value;
            }
            catch (SnmpErrorException e) when (e.Error is SnmpError.NoSuchName or SnmpError.TooBig && chunk.Count > 1)
            {
                for (var i = 0; i < chunk.Count; i++)
                    values[start + i] = (await GetAsync(client, target, [chunk[i]], cancellationToken).ConfigureAwait(false))[0];
            }
            catch (SnmpErrorException e) when (e.Error is SnmpError.NoSuchName)
            {
                values[start] = null;
            }
        }
        return values;
    }
}
