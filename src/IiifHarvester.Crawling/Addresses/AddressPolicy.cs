using System.Net;

namespace IiifHarvester.Crawling.Addresses;

/// <summary>
/// The address rule every connection to an institution is checked against. Production uses <see cref="Default"/>
/// (<see cref="AddressRules.IsRestricted"/>); tests register one that lets one loopback address play "the internet", to
/// prove that names and redirects leading inward are refused.
/// </summary>
public sealed class AddressPolicy
{
    /// <summary>Creates a policy refusing the addresses <paramref name="isRestricted"/> names.</summary>
    public AddressPolicy(Func<IPAddress, bool> isRestricted)
    {
        ArgumentNullException.ThrowIfNull(isRestricted);
        IsRestricted = isRestricted;
    }

    /// <summary>Refuses loopback, private, link-local and reserved ranges (<see cref="AddressRules.IsRestricted"/>).</summary>
    public static AddressPolicy Default { get; } = new(AddressRules.IsRestricted);

    /// <summary>True when a source that does not allow private networks must not connect to the address.</summary>
    public Func<IPAddress, bool> IsRestricted { get; }
}
