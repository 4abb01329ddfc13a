using System.Text;
using HyperVIsolation.Operator.Admission.Json;
using HyperVIsolation.Operator.Tests.Admission;

namespace HyperVIsolation.Operator.Tests.Admission.Json;

/// <summary>Each test has its own table (xunit makes an instance per test), so these run in parallel with every other test.</summary>
public sealed class InternedStringsTests
{
    private readonly RecurringValues recurring = new();

    [Fact]
    public void GetInternedString_SameTextInTwoBuffers_SameInstance()
    {
        var first = Interned("\"mcr.microsoft.com/windows/nanoserver:ltsc2022\"");
        var second = Interned("\"mcr.microsoft.com/windows/nanoserver:ltsc2022\"");

        second.Should().Be("mcr.microsoft.com/windows/nanoserver:ltsc2022");
        ReferenceEquals(first, second).Should().BeTrue();
    }

    [Fact]
    public void GetInternedString_EscapedText_DecodedNotTakenForItsRawBytes()
    {
        Interned("\"a\\\\u0062\"").Should().Be("a\\u0062");

        Interned("\"a\\u0062\"").Should().Be("ab");
    }

    [Fact]
    public void GetInternedString_InvalidUtf8_ThrowsEveryTime()
    {
        byte[] invalid = [(byte)'"', (byte)'x', 0xC3, 0x28, (byte)'"'];

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var read = () => Interned(invalid);
            read.Should().Throw<InvalidOperationException>();
        }
    }

    [Fact]
    public void GetInternedString_LongText_EqualButNotKept()
    {
        var text = new string('x', InternedStrings.MaxLength + 1);

        var first = Interned($"\"{text}\"");
        var second = Interned($"\"{text}\"");

        second.Should().Be(text);
        ReferenceEquals(first, second).Should().BeFalse();
    }

    [Fact]
    public void Read_TwoReviews_RecurringValuesSharedButUidAndNamesNot()
    {
        var pod = AdmissionFixtures.SubmittedPod();
        var first = new AdmissionReviewReader(recurring).Read(Encoding.UTF8.GetBytes(AdmissionFixtures.Review("CREATE", pod)), readPods: true)!.Request!;
        var second = new AdmissionReviewReader(recurring).Read(Encoding.UTF8.GetBytes(AdmissionFixtures.Review("CREATE", pod)), readPods: true)!.Request!;

        ReferenceEquals(first.ObjectPod!.Pod!.Spec!.Containers![0]!.Image, second.ObjectPod!.Pod!.Spec!.Containers![0]!.Image).Should().BeTrue();
        ReferenceEquals(first.Namespace, second.Namespace).Should().BeTrue();
        second.Uid.Should().Be(first.Uid);
        ReferenceEquals(first.Uid, second.Uid).Should().BeFalse();
        ReferenceEquals(first.ObjectPod.Pod.Metadata!.Name, second.ObjectPod.Pod.Metadata!.Name).Should().BeFalse();
    }

    [Fact]
    public void Add_MoreDistinctTextsThanCapacity_TableEmptiedAndStillCorrect()
    {
        var first = Interned("\"bounded-first\"");
        for (var i = 0; i < InternedStrings.Capacity; i++)
        {
            Interned($"\"bounded-{i}\"");
        }

        recurring.Strings.TryGet("bounded-first"u8, out _).Should().BeFalse("the table is emptied when full, so it never grows past its capacity");
        var again = Interned("\"bounded-first\"");
        again.Should().Be(first);
        ReferenceEquals(again, first).Should().BeFalse();
    }

    private string? Interned(string json) => Interned(Encoding.UTF8.GetBytes(json));

    private string? Interned(byte[] json)
    {
        var reader = new AdmissionJsonReader(json, recurring);
        reader.Read();
        return reader.GetInternedString();
    }
}
