# Builds EdgeDeck's Windows installer (.msi) into installers\target\ -- the Windows twin of installers/build.sh.
# Needs: a JDK 25 (JAVA_HOME, or found under C:\Program Files\...), WiX Toolset (3.14, or 4/5/6 with the 'wix' tool
# on PATH; jpackage 25 uses either), PowerShell 5+.
# Usage: powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 [-NoMaven] [-AppImageOnly]
param([switch]$NoMaven, [switch]$AppImageOnly)
$ErrorActionPreference = 'Stop'

$here = Split-Path -Parent $PSScriptRoot          # installers\
$root = Split-Path -Parent $here                  # repository root
$target = Join-Path $here 'target'

function Find-Jdk {
    $candidates = @($env:EDGEDECK_JAVA_HOME, $env:JAVA_HOME) + (Get-ChildItem 'C:\Program Files\*\jdk-2*' -Directory -ErrorAction SilentlyContinue | ForEach-Object FullName)
    foreach ($c in $candidates) {
        if ($c -and (Test-Path (Join-Path $c 'bin\jpackage.exe'))) {
            $release = Get-Content (Join-Path $c 'release') -ErrorAction SilentlyContinue | Select-String 'JAVA_VERSION="(\d+)'
            if ($release -and [int]$release.Matches[0].Groups[1].Value -ge 25) { return $c }
        }
    }
    throw 'EdgeDeck needs a JDK 25 or newer with jpackage: install Temurin 25 or set JAVA_HOME to it'
}
$jdk = Find-Jdk
$env:JAVA_HOME = $jdk

if (-not $NoMaven) {
    Push-Location $root
    & .\mvnw.cmd -B -q -DskipTests package -pl app -am
    if ($LASTEXITCODE -ne 0) { throw "the Maven build failed; run 'mvnw.cmd -DskipTests package' to see why" }
    Pop-Location
}
$app = Join-Path $root 'app\target'
$full = (Get-Content (Join-Path $app 'classes\io\edgedeck\app\version.properties') | Select-String '^version=(.*)').Matches[0].Groups[1].Value
$version = $full.Split('-')[0]                   # 0.1.0-SNAPSHOT -> 0.1.0 (MSI wants numbers)
Write-Host "installers: EdgeDeck $full -> package version $version"

Remove-Item $target -Recurse -Force -ErrorAction SilentlyContinue
$appInput = Join-Path $target 'input'
New-Item -ItemType Directory (Join-Path $appInput 'lib') | Out-Null
Copy-Item (Join-Path $app 'edgedeck.jar') $appInput
$fx = @()
foreach ($jar in Get-ChildItem (Join-Path $app 'lib\*.jar')) {
    if ($jar.Name -match '^javafx-[a-z]+-[0-9.]+-win\.jar$') { $fx += $jar.FullName }
    elseif ($jar.Name -notlike 'javafx-*') { Copy-Item $jar.FullName (Join-Path $appInput 'lib') }
}
if ($fx.Count -eq 0) { throw 'no javafx-*-win.jar in app\target\lib' }

# The runtime: the JDK modules listed in common\jdk-modules.txt, JavaFX linked from its jars, its DLLs in bin\
$modules = (Get-Content (Join-Path $here 'common\jdk-modules.txt') | ForEach-Object { ($_ -replace '#.*', '').Trim() } | Where-Object { $_ }) -join ','
$runtime = Join-Path $target 'runtime'
& (Join-Path $jdk 'bin\jlink.exe') --module-path ($fx -join ';') --add-modules $modules `
    --include-locales=en,de,fr,es,it,nl,pt,pl,cs,sv,da,fi,nb,ja,zh,ko --exclude-resources='glob:/javafx.graphics/*.dll' `
    --generate-cds-archive --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output $runtime
if ($LASTEXITCODE -ne 0) { throw 'jlink failed' }
Add-Type -AssemblyName System.IO.Compression.FileSystem
foreach ($jar in $fx) {
    $zip = [IO.Compression.ZipFile]::OpenRead($jar)
    foreach ($e in $zip.Entries | Where-Object { $_.FullName -like '*.dll' -and $_.FullName -notlike '*/*' }) {
        [IO.Compression.ZipFileExtensions]::ExtractToFile($e, (Join-Path $runtime "bin\$($e.Name)"), $true)
    }
    $zip.Dispose()
}

Push-Location $here
try {
    & (Join-Path $jdk 'bin\jpackage.exe') '@common/jpackage.txt' '@common/launcher.txt' '@windows/launcher.txt' --type app-image `
        --app-version $version --input $appInput --runtime-image $runtime --dest $target
    if ($LASTEXITCODE -ne 0) { throw 'jpackage (app image) failed' }
    if (-not $AppImageOnly) {
        & (Join-Path $jdk 'bin\jpackage.exe') '@common/jpackage.txt' '@windows/jpackage-windows.txt' `
            --app-version $version --app-image (Join-Path $target 'EdgeDeck') --dest $target
        if ($LASTEXITCODE -ne 0) { throw 'jpackage (msi) failed: is WiX installed and on PATH?' }
    }
} finally { Pop-Location }
Remove-Item $appInput -Recurse -Force
Write-Host "installers: done: $target"
