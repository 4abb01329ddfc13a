namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>
/// HRESULTs HCS returns that the node agent reacts to, in the <c>0x8037xxxx</c> form <c>computecore.dll</c> returns
/// (the <c>HCS_E_*</c> values of winerror.h). The older <c>vmcompute.dll</c> API, which hcsshim's shim still calls,
/// reports the same errors as <c>0xC037xxxx</c>: the two differ only in bit 30, so compare with <see cref="Matches"/>.
/// </summary>
public static class HcsErrorCodes
{
    /// <summary>HCS_E_IMAGE_MISMATCH: the image's OS build cannot run on this host (shown by containerd as 0xc0370101).</summary>
    public const uint BuildMismatch = 0x80370101;

    /// <summary>HCS_E_INVALID_STATE: the request is invalid in the system's current state.</summary>
    public const uint InvalidState = 0x80370105;

    /// <summary>HCS_E_INVALID_JSON: a JSON document could not be parsed or validated.</summary>
    public const uint InvalidJson = 0x8037010D;

    /// <summary>HCS_E_SYSTEM_NOT_FOUND: no compute system with that id.</summary>
    public const uint SystemNotFound = 0x8037010E;

    /// <summary>HCS_E_SYSTEM_ALREADY_EXISTS: a compute system with that id exists.</summary>
    public const uint SystemAlreadyExists = 0x8037010F;

    /// <summary>HCS_E_SYSTEM_ALREADY_STOPPED: the compute system has already stopped.</summary>
    public const uint SystemAlreadyStopped = 0x80370110;

    /// <summary>HCS_E_OPERATION_TIMEOUT: the operation did not complete within the wait's timeout.</summary>
    public const uint OperationTimeout = 0x80370118;

    /// <summary>HCS_E_PROCESS_ALREADY_STOPPED: the process has already stopped.</summary>
    public const uint ProcessAlreadyStopped = 0x8037011F;

    /// <summary>HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED): the requested change is not supported (for example an unknown ResourcePath).</summary>
    public const uint OperationNotSupported = 0x80070032;

    /// <summary>HRESULT_FROM_WIN32(ERROR_NOT_FOUND), which hcsshim also treats as "the compute system does not exist".</summary>
    public const uint ElementNotFound = 0x80070490;

    /// <summary>E_INVALIDARG.</summary>
    public const uint InvalidArgument = 0x80070057;

    /// <summary>HRESULT_FROM_WIN32(ERROR_CANCELLED): the operation was cancelled.</summary>
    public const uint Cancelled = 0x800704C7;

    /// <summary>HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY): the host cannot back the requested memory.</summary>
    public const uint NotEnoughMemory = 0x80070008;

    // Bit 30 is what separates vmcompute's 0xC037xxxx form from computecore's 0x8037xxxx.
    private const uint VmcomputeBit = 0x40000000;

    /// <summary>Whether <paramref name="actual"/> is <paramref name="expected"/> in either the computecore or the vmcompute form.</summary>
    public static bool Matches(uint actual, uint expected) => (actual & ~VmcomputeBit) == (expected & ~VmcomputeBit);

    /// <summary>Whether <paramref name="hResult"/> says the compute system does not exist (HCS_E_SYSTEM_NOT_FOUND in either form, or ERROR_NOT_FOUND).</summary>
    public static bool IsNotFound(uint hResult) => Matches(hResult, SystemNotFound) || hResult == ElementNotFound;

    /// <summary>The <c>0xC037xxxx</c> form vmcompute and the runhcs shim report (and containerd shows in pod errors).</summary>
    public static uint ToVmcomputeForm(uint hResult) => IsHcsFacility(hResult) ? hResult | VmcomputeBit : hResult;

    // FACILITY_COMPUTE (0x37) errors are the only ones with two forms; Win32 HRESULTs (0x8007xxxx) have one.
    private static bool IsHcsFacility(uint hResult) => ((hResult >> 16) & 0x7FF) == 0x37 && (hResult & 0x80000000) != 0;
}
