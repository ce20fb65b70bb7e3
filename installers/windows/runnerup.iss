; Inno Setup 6 script: the RunnerUp installer for Windows (x64).
;
; Built on Windows, from the repository root (installers/README.md):
;   py -3.11 -m venv .venv && .venv\Scripts\pip install -e ".[dev]" pillow
;   .venv\Scripts\pyinstaller --noconfirm packaging.spec   -> dist\runnerup\runnerup.exe
;   iscc installers\windows\runnerup.iss                   -> dist\RunnerUp-<version>-setup.exe
;
; Nothing to bump here: the version is read back from runnerup.exe's version resource,
; which packaging.spec fills from runnerup_desktop.__version__, and the icon is the .ico
; packaging.spec makes from runnerup_desktop/resources/icons.

#define AppName "RunnerUp"
#define AppExe "runnerup.exe"
#define Bundle SourcePath + "..\..\dist\runnerup"
#define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#if AppVersion == ""
  #error "Build dist\runnerup\runnerup.exe first: pyinstaller --noconfirm packaging.spec"
#endif

[Setup]
; Never change AppId: it is how a later installer finds this one to upgrade it.
AppId={{6A69A4AF-B799-5F92-A375-1AC7A2344179}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppName}
AppCopyright=RunnerUp developers
; Per user by default (no administrator needed), like the data and the start-at-login
; entry, which are the user's too; the first page offers an install for everyone.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=RunnerUp-{#AppVersion}-setup
SetupIconFile=..\..\build\runnerup.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running RunnerUp (it may sit in the tray) before replacing or removing its files.
CloseApplications=yes
RestartApplications=no
UsedUserAreasWarning=no

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "startatlogin"; Description: "Start RunnerUp in the tray when I log in (reminders)"; GroupDescription: "Reminders:"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The same entry RunnerUp's own "Start at login" preference writes (runnerup_desktop/system/autostart.py):
; the value "RunnerUp" under the user's Run key, starting the program in the tray.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "{#AppName}"; ValueData: """{app}\{#AppExe}"" --background"; Tasks: startatlogin

[INI]
; ...and the preference itself, so that Preferences shows the box ticked.
Filename: "{localappdata}\RunnerUp\RunnerUp\settings.ini"; Section: "startup"; Key: "atLogin"; String: "true"; Tasks: startatlogin

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// Uninstalling removes the program and its start-at-login entry (whoever wrote it), and
// keeps the person's data: the database, its backups, settings and logs under
// %LOCALAPPDATA%\RunnerUp, unless they say otherwise.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usUninstall then
    RegDeleteValue(HKCU, 'Software\Microsoft\Windows\CurrentVersion\Run', '{#AppName}');
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\RunnerUp');
    if DirExists(DataDir) and not UninstallSilent then
      if MsgBox('Also delete your RunnerUp data (companies, contacts, follow-ups, backups, '
        + 'settings and logs) in ' + DataDir + '?' + #13#10#13#10
        + 'Choose No to keep it for a later installation.',
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
