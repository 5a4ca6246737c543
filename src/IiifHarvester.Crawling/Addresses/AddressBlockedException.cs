namespace IiifHarvester.Crawling.Addresses;

/// <summary>Thrown from the connect callback when every address of a host is one the policy refuses.</summary>
internal sealed class AddressBlockedException : Exception
{
    public AddressBlockedException(string message)
        : base(message)
    {
    }

    public AddressBlockedException()
    {
    }

    public AddressBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
