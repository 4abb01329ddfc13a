using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.NodeAgent.Tests.Containerd;

public sealed class GoPathPatternTests
{
    [Theory]
    [InlineData("io.microsoft.virtualmachine.*", "io.microsoft.virtualmachine.computetopology.memory.sizeinmb", true)]
    [InlineData("io.microsoft.virtualmachine.*", "io.microsoft.virtualmachine.", true)]
    [InlineData("io.microsoft.virtualmachine.*", "io.microsoft.virtualmachine", false)]
    [InlineData("io.microsoft.virtualmachine.*", "io.microsoft.container.memory.sizeinmb", false)]
    [InlineData("io.microsoft.virtualmachine.*", "io.microsoft.virtualmachine.a/b", false)]
    [InlineData("io.microsoft.disable-unsafe-operations", "io.microsoft.disable-unsafe-operations", true)]
    [InlineData("io.microsoft.disable-unsafe-operations", "io.microsoft.disable-unsafe-operations2", false)]
    [InlineData("*", "anything.without.slash", true)]
    [InlineData("*", "a/b", false)]
    [InlineData("*/*", "matchall.com/abc", true)]
    [InlineData("match*/match*", "match1/match2", true)]
    [InlineData("*head", "1head", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "a/c", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[^a-c]x", "bx", false)]
    [InlineData("[^a-c]x", "dx", true)]
    [InlineData("a\\*", "a*", true)]
    [InlineData("a\\*", "ab", false)]
    [InlineData("[", "[", false)]
    [InlineData("[]a]", "a", false)]
    [InlineData("abc", "ABC", false)]
    public void IsMatch_GoPathMatchSemantics(string pattern, string name, bool expected)
    {
        GoPathPattern.IsMatch(pattern, name).Should().Be(expected);
    }
}
