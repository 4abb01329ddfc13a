using System.Globalization;

namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>An HCS call failed: carries the HRESULT and, when HCS returned one, its error document.</summary>
public sealed class HcsException : Exception
{
    /// <summary>Creates an exception for a failed HCS call.</summary>
    /// <param name="operation">The HCS function or request that failed, for the message.</param>
    /// <param name="hResult">The HRESULT HCS returned.</param>
    /// <param name="errorDocument">The JSON result document HCS returned with the failure, if any.</param>
    public HcsException(string operation, uint hResult, string? errorDocument = null)
        : base(FormatMessage(operation, hResult, errorDocument))
    {
        Operation = operation;
        HResult = unchecked((int)hResult);
        ErrorDocument = errorDocument;
    }

    /// <summary>Creates an exception with a plain message (HRESULT E_FAIL).</summary>
    public HcsException()
        : this("HCS call", 0x80004005)
    {
    }

    /// <summary>Creates an exception with a plain message (HRESULT E_FAIL).</summary>
    public HcsException(string message)
        : base(message)
    {
        Operation = "HCS call";
        HResult = unchecked((int)0x80004005);
    }

    /// <summary>Creates an exception with a plain message and a cause (HRESULT E_FAIL).</summary>
    public HcsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "HCS call";
        HResult = unchecked((int)0x80004005);
    }

    /// <summary>The HCS function or request that failed.</summary>
    public string Operation { get; }

    /// <summary>The HRESULT as the unsigned value documentation and logs show (for example <c>0xC037010E</c>).</summary>
    public uint ErrorCode => unchecked((uint)HResult);

    /// <summary>Whether this failure is <paramref name="hResult"/>, in either its computecore or its vmcompute form (<see cref="HcsErrorCodes.Matches"/>).</summary>
    public bool Is(uint hResult) => HcsErrorCodes.Matches(ErrorCode, hResult);

    /// <summary>Whether the compute system does not exist (<see cref="HcsErrorCodes.IsNotFound"/>).</summary>
    public bool IsNotFound => HcsErrorCodes.IsNotFound(ErrorCode);

    /// <summary>Whether the call did not complete in time (<see cref="HcsErrorCodes.OperationTimeout"/>).</summary>
    public bool IsTimeout => Is(HcsErrorCodes.OperationTimeout);

    /// <summary>The HCS error document (JSON), if HCS returned one.</summary>
    public string? ErrorDocument { get; }

    private static string FormatMessage(string operation, uint hResult, string? errorDocument) =>
        string.IsNullOrWhiteSpace(errorDocument)
            ? string.Create(CultureInfo.InvariantCulture, $"{operation} failed with HRESULT 0x{hResult:X8}.")
            : string.Create(CultureInfo.InvariantCulture, $"{operation} failed with HRESULT 0x{hResult:X8}: {errorDocument}");
}
