package jp.mynacard.jlis.cli;

import java.util.concurrent.Callable;
import jp.mynacard.jlis.client.CentreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "publish-crls", description = "Have the centre issue its CRLs now rather than on schedule.")
final class PublishCrlsCommand implements Callable<Integer> {
    @Mixin
    CentreOptions centre;

    @Override
    public Integer call() {
        centre.client().publishCrls();
        System.out.println("CRLs published");
        return 0;
    }
}
