using HyperVIsolation.Operator.Policies;

namespace HyperVIsolation.Operator.Tests.Policies;

/// <summary>The one registry decision the webhook and the reconciler share, blank entries included.</summary>
public sealed class AllowedRegistriesTests
{
    public static TheoryData<string[]?, string, bool> Cases() => new()
    {
        { null, "evil.example.com/app:1", true },
        { [], "evil.example.com/app:1", true },
        { [""], "evil.example.com/app:1", true },
        { [" ", ""], "mcr.microsoft.com/windows/nanoserver:ltsc2022", true },
        { ["", "mcr.microsoft.com/windows"], "evil.example.com/app:1", false },
        { ["", "mcr.microsoft.com/windows"], "mcr.microsoft.com/windows/nanoserver:ltsc2022", true },
        { ["mcr.microsoft.com/windows"], "mcr.microsoft.com/windowsx/app:1", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RestrictsAndAllows_Entries_ImageAllowedOnlyUnderANonBlankEntry(string[]? allowed, string image, bool expected)
    {
        var reference = ImageReference.Parse(image)!;

        var allowedImage = !AllowedRegistries.Restricts(allowed) || AllowedRegistries.Allows(allowed, reference);

        allowedImage.Should().Be(expected);
    }
}
