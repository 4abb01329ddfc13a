namespace HyperVIsolation.Operator.Admission.Review;

/// <summary>The <c>response</c> of an AdmissionReview.</summary>
internal sealed class AdmissionResponseDocument
{
    /// <summary>The request's uid.</summary>
    public string Uid { get; set; } = string.Empty;

    /// <summary>Whether the request is admitted.</summary>
    public bool Allowed { get; set; }

    /// <summary>Why it is denied.</summary>
    public AdmissionStatusDocument? Status { get; set; }

    /// <summary><c>JSONPatch</c> when a patch is set.</summary>
    public string? PatchType { get; set; }

    /// <summary>The RFC 6902 patch (serialized as base64).</summary>
    public byte[]? Patch { get; set; }

    /// <summary>Warnings shown to the client (Audit violations).</summary>
    public List<string>? Warnings { get; set; }
}
