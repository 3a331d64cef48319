using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace DeskPhone.Conformance.Tests
{
    /// <summary>What one run of an SDK tool printed and how it ended.</summary>
    public sealed class ToolRun
    {
        public ToolRun(string command, int exitCode, string output)
        {
            Command = command;
            ExitCode = exitCode;
            Output = output;
        }

        public string Command { get; }
        public int ExitCode { get; }

        /// <summary>Standard output and error, interleaved as the tool wrote them.</summary>
        public string Output { get; }

        public override string ToString() => "$ " + Command + " (exit " + ExitCode + ")\n" + Output;
    }

    /// <summary>
    /// The real nanoFramework toolchain in ../shared/nanoframework-sdk (compiler references, metadata processor, IL
    /// scan): the tests run its scripts as a developer would and judge by their exit codes and messages.
    /// </summary>
    public static class NfSdk
    {
        public const string MissingMessage =
            "../shared/nanoframework-sdk is absent beside the repository: the device build, conversion and gate tests cannot run";

        /// <summary>The SDK folder ($NF_SDK or ../shared/nanoframework-sdk), or null when it is absent.</summary>
        public static string Folder
        {
            get
            {
                string configured = Environment.GetEnvironmentVariable("NF_SDK");
                string path = string.IsNullOrEmpty(configured)
                    ? Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "nanoframework-sdk"))
                    : Path.GetFullPath(configured);
                return File.Exists(Path.Combine(path, "bin", "nf-build")) ? path : null;
            }
        }

        public static string FolderOrSkip()
        {
            string folder = Folder;
            Skip.If(folder == null, MissingMessage);
            return folder;
        }

        /// <summary>Runs bin/TOOL with the arguments from the repository root; the SDK scripts are python3.</summary>
        public static ToolRun Run(string tool, params string[] arguments)
        {
            string script = Path.Combine(FolderOrSkip(), "bin", tool);
            var start = new ProcessStartInfo("python3")
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(script);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            // Generous: a loaded 2-core CI machine compiles the firmware in seconds, this only stops a hang.
            if (!process.WaitForExit(600_000))
            {
                process.Kill(true);
                throw new TimeoutException(tool + " did not finish in 10 minutes");
            }
            process.WaitForExit();
            return new ToolRun(tool + " " + string.Join(" ", arguments), process.ExitCode, output.ToString());
        }
    }
}
