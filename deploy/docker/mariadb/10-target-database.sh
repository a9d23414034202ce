#!/bin/sh
# Runs once, when the MariaDB volume is first initialised: the image creates the legacy database and the user
# from MARIADB_DATABASE / MARIADB_USER; this adds the target database the crm-sync processor writes to.
set -eu

mariadb --user=root --password="$MARIADB_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS \`$TARGET_DATABASE\`;
GRANT ALL PRIVILEGES ON \`$TARGET_DATABASE\`.* TO '$MARIADB_USER'@'%';
SQL
