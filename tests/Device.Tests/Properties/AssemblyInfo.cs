using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("DeskPhone's portable code under nanoFramework.TestFramework in the nanoCLR interpreter")]
[assembly: AssemblyVersion("1.0.0.0")]
