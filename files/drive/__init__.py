"""Google Drive: a folder per shoot, its listing, a deliverable's file link from it.

Connected when ``GOOGLE_SERVICE_ACCOUNT_FILE`` and ``GOOGLE_DRIVE_ROOT_FOLDER_ID`` are both
set; otherwise Drive links are plain URLs (validated as Drive URLs when they claim to be)
and the pages say Drive is not connected.
"""
