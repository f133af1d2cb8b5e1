namespace Soak.Tests;

/// <summary>One VirtualMachine of the soak and the user-visible choices it makes.</summary>
internal sealed record SoakVm(string Name, string Project, bool DeleteRootDisk, bool Stopped);
