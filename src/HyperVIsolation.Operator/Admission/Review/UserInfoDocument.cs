namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>The authenticated requester.</summary>
internal sealed class UserInfoDocument
{
    /// <summary>User name.</summary>
    public string? Username { get; set; }

    /// <summary>Groups.</summary>
    public List<string?>? Groups { get; set; }
}
