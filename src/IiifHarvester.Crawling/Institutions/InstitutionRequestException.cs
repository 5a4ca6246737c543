namespace IiifHarvester.Crawling.Institutions;

/// <summary>Thrown by <see cref="IInstitutionClient"/> when a request is refused or its answer cannot be used.</summary>
public sealed class InstitutionRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InstitutionRequestException(InstitutionFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>Creates the exception.</summary>
    public InstitutionRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public InstitutionRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InstitutionRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public InstitutionFailure Failure { get; }
}
