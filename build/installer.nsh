; Atelier installs for the current user only (electron-builder.yml, README): skip the page that
; asks "for all users or only for me", which would need administrator rights for the first.
!macro customInstallMode
  StrCpy $isForceCurrentInstall "1"
!macroend
